"""`briefing serve [PATH|URL] [--host 127.0.0.1] [--port 8000] [--allow-remote]`: the reader in
a web page (briefing/web). Loopback only unless `--allow-remote`; the document is checked once
here, so a bad file is one line in this terminal rather than an error in every tab."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from pathlib import Path

from briefing.cli.common import Parser, add_data_dir, emit, fail, note
from briefing.text.safety import shown

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _parser() -> Parser:
    parser = Parser(
        prog="briefing serve",
        description="Serve the reader as a web page: every browser tab gets its own reader on "
        "the same notes. Stop it with ctrl+c.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        help="a text, Markdown, HTML or PDF file, or an http(s) URL (default: the bundled "
        "briefing)",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"the port (default: {DEFAULT_PORT}; 0: any free port)",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host that other machines can reach (there is no login)",
    )
    add_data_dir(parser)
    return parser


def _addresses(host: str, port: int) -> list[tuple[socket.AddressFamily, str]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OSError(f"cannot resolve --host {host}: {exc}") from None
    return [(family, str(address[0])) for family, _, _, _, address in infos]


def is_loopback(addresses: Sequence[str]) -> bool:
    """Whether every address is this machine's own (127.0.0.0/8, ::1)."""
    try:
        return bool(addresses) and all(
            ipaddress.ip_address(a.split("%", 1)[0]).is_loopback for a in addresses
        )
    except ValueError:
        return False


def listen(host: str, port: int) -> tuple[socket.socket, bool]:
    """A listening socket on `host`'s first address, and whether it is loopback only."""
    addresses = _addresses(host, port)
    family, address = addresses[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((address, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock, is_loopback([a for _, a in addresses])


def run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if not 0 <= args.port <= 65535:
        return fail(f"--port {args.port} is not a port (0 to 65535)")
    path: str | None = args.path
    from briefing.ingest.fetch import is_url

    if path == "-":
        return fail("briefing serve reads a file or a URL, not standard input")
    if path is not None and not is_url(path):
        from briefing.ingest.source import read_source

        read_source(path)  # a missing, unreadable or unknown file: one line, here
        path = str(Path(path).resolve())
    data_dir = str(Path(args.data_dir).expanduser().resolve()) if args.data_dir else None

    try:
        addresses = _addresses(args.host, args.port)
    except OSError as exc:
        return fail(str(exc))
    loopback = is_loopback([a for _, a in addresses])
    if not loopback and not args.allow_remote:
        return fail(
            f"--host {args.host} can be reached from other machines, and anyone who reaches it "
            "can read and annotate with no login; add --allow-remote to serve it anyway"
        )
    try:
        sock, loopback = listen(args.host, args.port)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return fail(f"cannot listen on {args.host} port {args.port}: {reason}")

    from briefing.web.server import BriefingServer, app_command

    server = BriefingServer(app_command(path, data_dir), sock, host=args.host, loopback=loopback)
    url = f"{server.public_url}/"
    if not loopback:
        note(
            f"briefing: warning: serving on {url} with no login: anyone who can reach it can "
            "read and annotate the documents, and export files as you"
        )

    def ready() -> None:
        what = shown(path) if path is not None else "the bundled briefing"
        emit(f"briefing: serving {what} on {url} (ctrl+c to stop)\n")

    try:
        server.serve(ready=ready)
    finally:
        sock.close()
    note("briefing: stopped")
    return 0
