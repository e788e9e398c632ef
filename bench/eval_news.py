"""News articles: how much of an article is proposed (PolNeAR dev texts, no labels).

The share of each article's prose sentences that `extract` proposes (`is_claim`), and the share
whose score alone reaches the threshold, as the median and the 90th percentile over articles.
"""

import statistics

from eval_common import DATA, progress

from claims.extraction import extract, normalize_text

NEWS = DATA / "attribution" / "polnear-dev" / "text"


def proposal_shares() -> dict:
    paths = sorted(NEWS.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(NEWS)
    progress(f"news: {len(paths)} PolNeAR dev articles")
    proposed, above = [], []
    for path in paths:
        prose = [
            s
            for s in extract(normalize_text(path.read_text(encoding="utf-8")).text)
            if s.boilerplate is None
        ]
        if prose:
            proposed.append(sum(s.is_claim for s in prose) / len(prose))
            above.append(sum(s.checkworthiness >= 0.5 for s in prose) / len(prose))
    return {
        "articles": len(proposed),
        "proposed_median": statistics.median(proposed),
        "proposed_p90": statistics.quantiles(proposed, n=10)[-1],
        "above_median": statistics.median(above),
        "above_p90": statistics.quantiles(above, n=10)[-1],
    }


if __name__ == "__main__":
    print(proposal_shares())
