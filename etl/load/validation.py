"""Validate a run's records with the Great Expectations suites in expectations/, once per run over all rows.

Each failing row comes back with the expectation that failed and a message a person can act on (the
suite's `meta.message`, filled from the row). Results are kept and rendered as GX Data Docs.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from etl.load.validation_page import CheckResult, write_validation_page
from etl.settings import EXPECTATIONS_DIR

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RowFailure:
    row_id: str
    suite: str
    check: str  # expectation type and its column(s)
    message: str
    action: str = (
        "quarantine"  # the expectation's meta.on_failure: quarantine (the row), review, drop_value, reject_file
    )
    column: str | None = None


@dataclass
class ValidationOutcome:
    failures: list[RowFailure]
    success: dict[str, bool]  # per suite
    data_docs_index: str | None
    page: str | None = None  # our own offline page of the run's checks (etl/load/validation_page.py)

    def failed_ids(self, suite: str) -> set[str]:
        return {f.row_id for f in self.failures if f.suite == suite}


def load_suite_json(name: str) -> dict:
    return json.loads((EXPECTATIONS_DIR / f"{name}.json").read_text())


def _check_name(config) -> str:
    kw = config.kwargs
    cols = kw.get("column") or kw.get("column_list") or [kw.get("column_A"), kw.get("column_B")]
    cols = cols if isinstance(cols, str) else ",".join(str(c) for c in cols)
    return f"{config.type}({cols})"


class _FormatRow(dict):
    def __missing__(self, key):
        return f"<{key}>"


def _message(template: str, row: dict) -> str:
    clean = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
    try:
        return template.format_map(_FormatRow(clean))
    except (ValueError, KeyError, IndexError):
        return template


# Great Expectations' Data Docs print unexpected values as markup (and undo HTML escaping on the way), so vendor
# text such as a metric, sheet or folder name written as a tag would run in a reader's browser. The frame the
# suites see carries the angle brackets as look-alike quotation marks instead: no tag can form, the text reads
# the same, and quarantine messages still quote the row as written.
_NO_TAGS = str.maketrans({"<": "\u2039", ">": "\u203a"})
_AS_WRITTEN = str.maketrans({"\u2039": "<", "\u203a": ">"})


def _inert(value):
    return value.translate(_NO_TAGS) if isinstance(value, str) else value


def _inert_column(values: pd.Series) -> pd.Series:
    """`_inert` of each value, computed once per distinct value and only where one holds a bracket: a column is
    mostly repeats (engagements, metrics, units), and a million calls per column cost the run more than Great
    Expectations itself."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if not any(isinstance(u, str) and ("<" in u or ">" in u) for u in uniques):
        return values
    inert = np.array([_inert(u) for u in uniques], dtype=object)
    out = inert.take(np.where(codes >= 0, codes, 0))  # a value with a bracket exists, so uniques is not empty
    missing = codes < 0
    out[missing] = values[missing].to_numpy(dtype=object)
    return pd.Series(out, index=values.index, name=values.name).astype(values.dtype)


def _for_data_docs(df: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The frame Great Expectations sees: text made inert as markup, and row ids replaced by positions (a row
    id can hold a sheet name); the row ids by position, to map failing rows back for the quarantine."""
    # pandas copies on write: the columns replaced here leave the caller's frame as it was, and the rest are
    # shared rather than copied (a deep copy of a million rows cost hundreds of MB)
    safe = df.copy(deep=False)
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = _inert_column(safe[column])
    safe["row_id"] = np.arange(len(df))
    return safe, df["row_id"].to_numpy()


def validate(
    frames: dict[str, pd.DataFrame], parameters: dict, docs_root: Path | None, run_name: str | None = None
) -> ValidationOutcome:
    """frames: suite name -> DataFrame with a `row_id` column. Empty frames are skipped. `run_name` (the Airflow
    run id) names the validation in Data Docs, so each result page says which run it belongs to."""
    if all(df.empty for df in frames.values()):
        # nothing new (an unchanged inbox): no need to pay Great Expectations' import and setup
        return ValidationOutcome([], dict.fromkeys(frames, True), _data_docs_index(docs_root))
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    if docs_root is not None:
        docs_root.mkdir(parents=True, exist_ok=True)
        context = gx.get_context(mode="file", project_root_dir=str(docs_root))
    else:
        context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    source = context.data_sources.add_or_update_pandas("staged_records")

    # values the suites compare text against are made inert as the text is
    safe_parameters = {
        k: [_inert(x) for x in v] if isinstance(v, (list, tuple, set)) else v for k, v in parameters.items()
    }
    failures: list[RowFailure] = []
    success: dict[str, bool] = {}
    checks: list[CheckResult] = []
    for name, df in frames.items():
        if df.empty:
            success[name] = True
            continue
        checkpoint = _checkpoint(context, source, name, with_docs=docs_root is not None)
        safe, row_ids = _for_data_docs(df)
        result = checkpoint.run(
            batch_parameters={"dataframe": safe},
            expectation_parameters=safe_parameters,
            run_id=RunIdentifier(run_name=_inert(run_name)) if run_name else None,
        )
        by_id = df.set_index("row_id", drop=False)
        for run in result.run_results.values():
            success[name] = bool(run.success)
            for r in run.results:
                checks.append(_check_result(name, r))
                if not r.success:
                    failures.extend(_row_failures(name, r, row_ids, by_id))
    log.info("validation: %s; %d failing rows", success, len(failures))
    page = write_validation_page(checks, run_name, docs_root / "runs") if docs_root is not None else None
    return ValidationOutcome(failures, success, _data_docs_index(docs_root), str(page) if page else None)


def _checkpoint(context, source, name: str, with_docs: bool):
    """The checkpoint that runs suite `name` on a DataFrame handed in at run time, created or updated."""
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction
    from great_expectations.core.expectation_suite import ExpectationSuite

    spec = load_suite_json(name)
    suite = ExpectationSuite(**spec)
    if len(suite.expectations) != len(spec["expectations"]):
        # GX logs and drops an expectation it cannot build; a suite must never shrink silently
        raise ValueError(
            f"expectations/{name}.json: {len(spec['expectations']) - len(suite.expectations)} "
            "expectation(s) could not be built; check their type names and kwargs"
        )
    suite = context.suites.add_or_update(suite)
    try:
        asset = source.get_asset(name)
    except LookupError:
        asset = source.add_dataframe_asset(name)
    try:
        batch = asset.get_batch_definition("all_rows")
    except (LookupError, KeyError):
        batch = asset.add_batch_definition_whole_dataframe("all_rows")
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=name, data=batch, suite=suite)
    )
    actions = [UpdateDataDocsAction(name="data_docs")] if with_docs else []
    return context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=f"{name}_checkpoint",
            validation_definitions=[definition],
            actions=actions,
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["row_id"]},
        )
    )


def _row_failures(name: str, r, row_ids, by_id: pd.DataFrame) -> list[RowFailure]:
    """One failure per row a failed expectation names."""
    # GX lists failing rows by our row_id; check explicitly rather than trusting a task failure
    ids = [row_ids[int(u["row_id"])] for u in (r.result.get("unexpected_index_list") or [])]
    if not ids and r.exception_info and r.exception_info.get("raised_exception"):
        raise RuntimeError(
            f"expectation {r.expectation_config.type} could not run: {r.exception_info.get('exception_message')}"
        )
    meta = r.expectation_config.meta or {}
    template = meta.get("message", r.expectation_config.type)
    return [
        RowFailure(
            row_id,
            name,
            _check_name(r.expectation_config),
            _message(template, by_id.loc[row_id].to_dict()),
            meta.get("on_failure", "quarantine"),
            r.expectation_config.kwargs.get("column"),
        )
        for row_id in dict.fromkeys(ids)
    ]


def _check_result(suite: str, r) -> CheckResult:
    result = r.result or {}
    samples = result.get("partial_unexpected_list") or result.get("unexpected_list") or []
    meta = r.expectation_config.meta or {}
    return CheckResult(
        suite,
        _check_name(r.expectation_config),
        bool(r.success),
        result.get("element_count"),
        result.get("unexpected_count"),
        str(meta.get("message", "")),
        # as the vendor wrote them: our page escapes every value it prints
        [str(s).translate(_AS_WRITTEN) for s in samples[:5]],
    )


def _data_docs_index(docs_root: Path | None) -> str | None:
    found = sorted(docs_root.rglob("data_docs/local_site/index.html")) if docs_root is not None else []
    return str(found[0]) if found else None
