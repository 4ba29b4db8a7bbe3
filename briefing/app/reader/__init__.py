"""The reader: the whole briefing as one scrollable column.

- `layout`: screen lines for one width, as arrays of offsets (no widget, no Textual).
- `spans`: one index of every overlay on the text (styles, mentions, focus, hits, highlights).
- `selection`: moving a selection by sentences and words, as pure functions over the text.
- `view`: the thin Line-API widget, `ReaderView`, that draws them and turns keys into messages.
"""
