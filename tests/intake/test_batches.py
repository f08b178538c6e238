"""Extraction batches: few tasks for a small inbox, balanced work for a big one, every file in exactly one."""

from pathlib import Path

import pytest

from etl.intake.batches import BYTES_PER_UNIT, MIN_BATCH_WORK, plan_batches


def inbox_with(tmp_path: Path, sizes: dict[str, int]) -> list[dict]:
    items = []
    for path, size in sizes.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * int(size))
        items.append({"path": path, "kind": "report", "engagement_id": path.split("/")[1]})
    return items


def test_a_small_inbox_is_one_batch(tmp_path):
    items = inbox_with(tmp_path, dict(sorted({f"reports/eng-{i % 3}/r{i}.csv": 2_000 for i in range(40)}.items())))
    batches = plan_batches(tmp_path, items, slots=8)
    assert len(batches) == 1
    assert batches[0].label == "reports/eng-0 .. reports/eng-2 (40 files)"


def test_a_big_inbox_fills_the_slots_with_similar_work_in_inbox_order(tmp_path):
    sizes = {f"reports/eng-{i // 100:02d}/r{i:04d}.csv": 1_000 for i in range(1_200)}
    sizes.update({f"contracts/c{i}.pdf": 40 * BYTES_PER_UNIT for i in range(10)})  # ten heavy files
    items = inbox_with(tmp_path, dict(sorted(sizes.items())))
    batches = plan_batches(tmp_path, items, slots=4)
    assert len(batches) == 4
    assert [i for b in batches for i in b.items] == items  # each file once, order kept
    work = [
        len(b.items) + sum(Path(tmp_path / i["path"]).stat().st_size for i in b.items) / BYTES_PER_UNIT for b in batches
    ]
    assert max(work) < 1.5 * min(work)
    assert len(batches[0].items) < len(batches[-1].items)  # the heavy contracts share out the first batch


@pytest.mark.parametrize("slots", [1, 2, 3])
def test_never_more_batches_than_slots_or_files(tmp_path, slots):
    items = inbox_with(tmp_path, {f"reports/e/r{i}.csv": MIN_BATCH_WORK * BYTES_PER_UNIT for i in range(2)})
    batches = plan_batches(tmp_path, items, slots=slots)
    assert len(batches) == min(slots, 2)
    assert all(b.items for b in batches)


def test_nothing_new_is_no_batch(tmp_path):
    assert plan_batches(tmp_path, [], slots=4) == []
