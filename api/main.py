"""The `qa` command: the library's command line, with `qa serve` running this HTTP API.

The one entry point that knows both the library and its HTTP edge, so `qa/` never imports `api/`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from qa.cli import main as cli_main
from qa.config import Settings


def serve(settings: Settings) -> None:
    """Serve the API on settings.host:settings.port until stopped (Ctrl-C, SIGTERM)."""
    import uvicorn

    from api.app import create_app
    from qa.memory import limit_arenas

    limit_arenas()  # before uvicorn and the thread pool start their threads
    # log_config=None: uvicorn keeps the logging the CLI configured (QA_LOG_LEVEL, QA_LOG_FORMAT)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, server=serve)


if __name__ == "__main__":
    sys.exit(main())
