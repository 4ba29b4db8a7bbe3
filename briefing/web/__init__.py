"""`briefing serve`: the reader in a web page, with textual-serve.

- `server.py`: the server (our page, the request checks, one app per tab, stopping);
- `tab.py`: a tab's app process, started before its tab connects;
- `page.html`: the page, textual-serve's with nothing from the internet.

Nothing here is imported by the reader itself: `tab.py` imports only what `python -m briefing`
would.
"""
