"""Entity quality on the hand-annotated held-out articles stays above the issue's target.

A regression guard, not a tuning target: see scripts/entity_quality.py for the figures.
"""

from archive.evaluate import evaluate_entities
from conftest import FIXTURES


def test_entity_precision_and_recall_at_least_0_9():
    folder = FIXTURES / "tehran_times"
    ev = evaluate_entities(folder / "gold_entities.jsonl", folder / "articles")
    total = ev.total
    assert total.precision >= 0.9, total
    assert total.recall >= 0.9, total
