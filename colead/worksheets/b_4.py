"""B-4 人材の関心に応じた情報提供（人材募集含む）: A-4 seen from the SME side.

The guideline repeats A-4's worksheet word for word under B-4; the declaration is shared, the
answers are kept apart (they belong to worksheet B-4).
"""

from dataclasses import replace

from colead.worksheets.a_4 import WORKSHEET as A_4
from colead.worksheets.schema import Track

WORKSHEET = replace(A_4, code="B-4", track=Track.B)
