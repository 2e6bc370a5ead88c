"""A process that draws share cards: ``python -m timeline_builder.site.card_worker``.

share_card.py starts one per core when many cards are missing and writes it a pickled list
of (card, file) pairs on its standard input (pickle: the data is the parent's own, never a
contributor's file). Each card is drawn and written as share_card.write_card does in the
parent; a card it fails on is left missing, and the parent draws it and reports the error.
"""

from __future__ import annotations

import pickle
import sys

from timeline_builder.site import share_card


def main() -> int:
    jobs = pickle.load(sys.stdin.buffer)
    for card, path in jobs:
        share_card.write_card(card, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
