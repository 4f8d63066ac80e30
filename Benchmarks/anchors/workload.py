"""The assessment-sheet benchmark workload, generated the same way as the
Swift benchmark (Benchmarks/KaoheBench/Workload.swift) so every engine sees
identical data.

Sheet (one row per person i = 1..N):
  id, office (one of 20), instructor (~40 %), line_rank (the office's rank 1..10)
  line      = 25 + (3 - line_rank) * 1
  rural     = IF(instructor, rural_raw, AVERAGEIF(instructor, TRUE, rural_raw))
  petition  = IF(instructor, petition_raw, AVERAGEIF(instructor, TRUE, petition_raw))
  rules     = MAX(0, 10 - deductions)
  total     = line + rural + petition + rules + democratic
  rank      = RANK(total, total)            (descending, ties share)
  bonus     = 3000 * N * total / SUM(total)

Random numbers: splitmix64 seeded 20240601; randint(lo, hi) = lo + next % (hi-lo+1).
Draw order: office ranks [1..10, 1..10] Fisher-Yates shuffled (i from 19 down
to 1, j = randint(0, i)); then per row: office randint(0,19), instructor
randint(0,99) < 40, rural randint(0,15), petition randint(0,40), k randint(0,3),
three penalties randint(1,4) (the first k summed), democratic randint(0,10).
The edit benchmark sets person 500's deductions.
"""

MASK = (1 << 64) - 1
SEED = 20240601
OFFICES = ["Aomori", "Akita", "Iwate", "Miyagi", "Yamagata", "Fukushima", "Niigata", "Nagano",
           "Gunma", "Tochigi", "Ibaraki", "Saitama", "Chiba", "Tokyo", "Kanagawa", "Shizuoka",
           "Aichi", "Gifu", "Mie", "Shiga"]
EDIT_ID = 500


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def randint(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)


def generate(n, seed=SEED):
    """Columns as lists: office, instructor, line_rank, rural_raw, petition_raw
    (None for non-instructors), deductions, democratic."""
    rng = SplitMix64(seed)
    ranks = list(range(1, 11)) * 2
    for i in range(len(ranks) - 1, 0, -1):
        j = rng.randint(0, i)
        ranks[i], ranks[j] = ranks[j], ranks[i]
    cols = {k: [] for k in ("office", "instructor", "line_rank", "rural_raw", "petition_raw", "deductions", "democratic")}
    for _ in range(n):
        office = rng.randint(0, 19)
        instr = rng.randint(0, 99) < 40
        rural = rng.randint(0, 15)
        petition = rng.randint(0, 40)
        k = rng.randint(0, 3)
        pens = [rng.randint(1, 4) for _ in range(3)]
        democratic = rng.randint(0, 10)
        cols["office"].append(OFFICES[office])
        cols["instructor"].append(instr)
        cols["line_rank"].append(ranks[office])
        cols["rural_raw"].append(rural if instr else None)
        cols["petition_raw"].append(petition if instr else None)
        cols["deductions"].append(sum(pens[:k]))
        cols["democratic"].append(democratic)
    return cols


def edit_values(orig, reps):
    """Deductions values for the edit loop: each differs from the one before."""
    return [(orig + 1 + k) % 13 for k in range(reps)]
