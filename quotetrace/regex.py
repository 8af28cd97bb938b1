"""Regular expressions compiled once, looked up cheaply.

`re.search(pattern, s)` looks its pattern up in re's cache on every call,
which in the extractor's inner loops cost a twentieth of the run;
`compiled(pattern).search(s)` keeps the pattern next to where it is used and
pays one memoised lookup instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

compiled = lru_cache(maxsize=None)(re.compile)
