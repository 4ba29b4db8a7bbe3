"""The training-time data scripts of the NER model: GUM's entities as CoNLL names, and the
gazetteer word lists (`scripts/gum_to_conll.py`, `scripts/ner_gazetteers.py`), on tiny
samples written here in the shape of the real files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import gum_to_conll  # noqa: E402
import ner_gazetteers  # noqa: E402

from briefing.analysis.ner.conll import read_conll  # noqa: E402
from briefing.analysis.ner.scheme import bio_spans  # noqa: E402

HEAD = (
    "# newdoc id = GUM_news_sample\n"
    "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity\n"
)


def row(i: int, form: str, xpos: str, head: int, entity: str = "") -> str:
    """One CoNLL-U word line as GUM writes it (only the columns the converter reads matter)."""
    upos = {"NNP": "PROPN", "NNPS": "PROPN", "DT": "DET", "IN": "ADP", "JJ": "ADJ"}.get(
        xpos, "NOUN" if xpos.startswith("NN") else "X"
    )
    misc = f"Entity={entity}" if entity else "_"
    return f"{i}\t{form}\t{form}\t{upos}\t{xpos}\t_\t{head}\tdep\t_\t{misc}\n"


# "NASA Administrator Charles Bolden visited the Museum of Flight in Seattle's United States ."
# with GUM-style nested mentions: the person mention spans the title and the organisation.
SENTENCE = (
    "# sent_id = GUM_news_sample-1\n"
    + row(1, "NASA", "NNP", 3, "(1-person-new-sssss-cf1-4-sgl(2-organization-new-n-cf2-1-sgl-NASA)")
    + row(2, "Administrator", "NN", 4)
    + row(3, "Charles", "NNP", 4)
    + row(4, "Bolden", "NNP", 5, "1)")
    + row(5, "visited", "VBD", 0)
    + row(6, "the", "DT", 8, "(3-place-new-nnnnn-cf3-3-coref")
    + row(7, "Museum", "NNP", 8)
    + row(8, "of", "IN", 9)
    + row(9, "Flight", "NNP", 7, "(4-abstract-new-nnnnn-cf4-1-sgl)3)")
    + row(10, "near", "IN", 11)
    + row(11, "American", "JJ", 12)
    + row(12, "homes", "NNS", 5, "(5-place-new-nnnnn-cf5-2-sgl)")
    + row(13, "in", "IN", 15)
    + row(14, "United", "NNP", 15, "(6-place-new-nnnnn-cf6-1,2-sgl-United_States")
    + row(15, "States", "NNPS", 5, "6)")
    + row(16, "with", "IN", 17)
    + row(17, "he", "PRP", 5, "(1-person-giv-sssss-cf1-1-coref)")
    + row(18, ".", ".", 5)
    + "\n"
)


def test_entity_brackets_parse_with_identities() -> None:
    value = "(1-person-giv:act-sssss-cf2*-1-coref-Jared_Padalecki)"
    assert list(gum_to_conll.parse_entity(value)) == [("single", "1", "person", "Jared_Padalecki")]
    assert list(gum_to_conll.parse_entity("(7-object-new-n-cf1-2-sgl-Freedom_%28magazine%29")) == [
        ("open", "7", "object", "Freedom_%28magazine%29")
    ]
    assert list(gum_to_conll.parse_entity("175)189)")) == [
        ("close", "175", "", ""),
        ("close", "189", "", ""),
    ]


def test_only_names_are_kept_in_conll_shape(tmp_path: Path) -> None:
    (sent,) = gum_to_conll.read_conllu(HEAD + SENTENCE)
    tags = gum_to_conll.sentence_tags(sent)
    words = [t.form for t in sent.tokens]
    spans = {(" ".join(words[a:b]), typ) for a, b, typ in bio_spans(tags)}
    assert spans == {
        ("NASA", "ORG"),  # nested in the person mention, kept beside the person's name
        ("Charles Bolden", "PER"),  # the title before the name is not part of it
        ("Museum of Flight", "LOC"),  # over "of"; without "the"
        ("American", "MISC"),  # a capitalised adjective
        ("United States", "LOC"),  # "United" counts by its Penn tag
    }  # not "homes" (a common noun), not "he" (a pronoun), not "Flight" alone (nested)


def test_documents_follow_the_splits_and_the_allowed_genres(tmp_path: Path) -> None:
    dep = tmp_path / "dep"
    dep.mkdir()
    for name in ("GUM_news_a", "GUM_news_b", "GUM_fiction_c", "GUM_court_d"):
        (dep / f"{name}.conllu").write_text(HEAD + SENTENCE, encoding="utf-8")
    (tmp_path / "splits.md").write_text("# Splits\n\n## dev\n\n  * GUM_news_b\n\n## test\n\n")
    genres = gum_to_conll.ALLOWED_GENRES
    train = gum_to_conll.documents(tmp_path, "train", genres)
    assert [p.stem for p in train] == ["GUM_court_d", "GUM_news_a"]  # never fiction (NC)
    assert [p.stem for p in gum_to_conll.documents(tmp_path, "dev", genres)] == ["GUM_news_b"]
    out = tmp_path / "gum.conll"
    gum_to_conll.main([str(tmp_path), str(out)])
    docs = read_conll(out)
    assert len(docs) == 2
    toks, tags = docs[0][0]
    assert toks[2:4] == ["Charles", "Bolden"]
    assert tags[2:4] == ["B-PER", "I-PER"]


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Adobe Inc.", "Adobe"),
        ("AdaptHealth Corp.", "AdaptHealth"),
        ("Adamas Trust, Inc.", "Adamas Trust"),
        ("The Walt Disney Company", "Walt Disney"),
        ("Siemens AG", "Siemens"),
        ("3M", "3M"),
    ],
)
def test_company_short_forms(name: str, short: str) -> None:
    assert ner_gazetteers.short_form(name) == short


def test_first_names_count_both_sexes_over_the_years(tmp_path: Path) -> None:
    for year in range(ner_gazetteers.FIRST_YEAR, ner_gazetteers.LAST_YEAR + 1):
        (tmp_path / f"yob{year}.txt").write_text("Jordan,F,2\nJordan,M,1\nRare,F,1\n")
    names = ner_gazetteers.first_names(tmp_path, min_births=200)
    assert names == {"jordan"}  # 303 births of both sexes; "Rare" has 101


def test_universities_and_agencies_read_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "world_universities_and_domains.json").write_text(
        json.dumps([{"name": "Example State University ", "domains": ["example.edu"]}])
    )
    (tmp_path / "current-federal.csv").write_text(
        "Domain name,Domain type,Organization name,Suborganization name,City,State\n"
        "x.gov,Federal - Executive,Department of Examples,Bureau of Samples,Washington,DC\n"
    )
    assert ner_gazetteers.universities(tmp_path) == {"Example State University"}
    assert ner_gazetteers.agencies(tmp_path) == {"Department of Examples", "Bureau of Samples"}
