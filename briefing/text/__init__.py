"""Text helpers shared by ingest, analysis, the CLI and the app: what is safe to show
(`safety`), line splitting (`lines`), news-copy boilerplate (`newscopy`), literal search
(`search`) and quoting a passage for people (`quoting`)."""
