"""``python -m rolefit``."""

from rolefit.cli import main

if __name__ == "__main__":
    main()
