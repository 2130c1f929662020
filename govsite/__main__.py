from __future__ import annotations

from govsite.commands.cli import main

if __name__ == "__main__":
    main()
