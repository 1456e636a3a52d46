"""Where records go: DataFrames, CSV files or Parquet files, the same for one article or a corpus.

* :func:`dataframes` turns one article's records into DataFrames with the
  contract's columns and stable dtypes (also when empty).
* :class:`CsvSink` and :class:`ParquetSink` write one file per table into a
  folder, header first, then each article's rows as they arrive, optionally
  after an ``article`` column (corpus mode); a CSV file is hashed as it is
  written. ``analyze`` writes through :class:`CsvSink` without the article
  column, corpus runs with it: the same formatter (:mod:`analysis.csvtext`)
  makes every CSV byte.

pandas and pyarrow are imported only where they are used (a corpus run to
CSV needs neither).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .csvtext import csv_text, tokens_csv, writer_text
from .errors import AnalysisError
from .records import TABLES, ArticleRecords

if TYPE_CHECKING:
    import pandas as pd


def dataframes(records: ArticleRecords) -> dict[str, pd.DataFrame]:
    """Every table of :data:`~analysis.records.TABLES` as a DataFrame (the contract's columns and dtypes)."""
    import pandas as pd

    return {
        name: pd.DataFrame.from_records(records.rows(name), columns=t.columns).astype(t.dtypes)
        for name, t in TABLES.items()
    }


def records_csv(records: ArticleRecords, table: str, article: str | None = None) -> str:
    """One table of one article as CSV rows (no header), after an ``article`` cell or none."""
    if table == "tokens":
        return tokens_csv(article, records.sentence_tokens)
    return csv_text(article, records.rows(table), table)


class CsvSink:
    """One CSV file per table in ``folder``: the header, then rows appended per article, hashed as written.

    Args:
        folder: where the files go (``<table>.csv``).
        columns: table name -> its columns (an ``article`` column first in corpus mode).
        article_column: rows are written after an article cell (corpus mode).
    """

    suffix = ".csv"

    def __init__(self, folder: Path, columns: dict[str, list[str]], *, article_column: bool = False):
        self.article_column = article_column
        self._files, self._hashes, self._sizes = {}, {}, {}
        try:
            for name, cols in columns.items():
                self._files[name] = open(folder / f"{name}.csv", "wb")
                self._hashes[name] = hashlib.sha256()
                self._sizes[name] = 0
                self._append(name, writer_text([cols]).encode("utf-8"))  # the header
        except BaseException:
            self.close()
            raise

    def write_records(self, records: ArticleRecords, article: str | None = None) -> None:
        """Every table of one article's records."""
        for name in self._files:
            self.write_bytes(name, records_csv(records, name, article).encode("utf-8"))

    def write(self, name: str, rows: list[tuple], article: str | None = None) -> None:
        """Rows of table ``name`` (plain tuples; formatted by ``csv.writer`` unless the table has a fast format)."""
        self.write_bytes(name, csv_text(article, rows, name).encode("utf-8"))

    def write_bytes(self, name: str, data: bytes) -> None:
        """Rows already formatted as CSV and encoded as UTF-8 (for example in a worker process)."""
        self._append(name, data)

    def _append(self, name: str, data: bytes) -> None:
        self._files[name].write(data)
        self._hashes[name].update(data)
        self._sizes[name] += len(data)

    def digests(self) -> dict[str, dict]:
        """File name -> ``{"sha256", "bytes"}`` of what was written (as the manifest lists outputs)."""
        return {
            f"{name}.csv": {"sha256": h.hexdigest(), "bytes": self._sizes[name]} for name, h in self._hashes.items()
        }

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()


class ParquetSink:
    """One Parquet file per table; rows are buffered and written as row groups.

    Args:
        folder: where the files go (``<table>.parquet``).
        columns: table name -> its columns (``article`` first).
        types: table name -> column -> pandas dtype (:data:`analysis.records.TABLES`' dtypes).
    """

    suffix = ".parquet"
    ROW_GROUP = 50_000

    def __init__(self, folder: Path, columns: dict[str, list[str]], types: dict[str, dict]):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise AnalysisError("--format parquet needs pyarrow: pip install -e '.[parquet]'") from None
        from pandas.api.types import pandas_dtype  # the dtypes mix names ("int64") and types (object)

        self._pa, self._pq = pa, pq
        arrow = {
            "int64": pa.int64(),
            "Int64": pa.int64(),
            "float64": pa.float64(),
            "bool": pa.bool_(),
            "object": pa.string(),
        }
        self._schemas = {
            name: pa.schema([(c, arrow[str(pandas_dtype(types[name].get(c, "object")))]) for c in cols])
            for name, cols in columns.items()
        }
        self._buffers: dict[str, list[tuple]] = {name: [] for name in columns}
        self._writers = {name: pq.ParquetWriter(folder / f"{name}.parquet", self._schemas[name]) for name in columns}

    def write_records(self, records: ArticleRecords, article: str) -> None:
        """Every table of one article's records."""
        for name in self._writers:
            self.write(name, records.rows(name), article)

    def write(self, name: str, rows: list[tuple], article: str) -> None:
        buf = self._buffers[name]
        buf.extend((article, *row) for row in rows)
        if len(buf) >= self.ROW_GROUP:
            self._flush(name)

    def _flush(self, name: str) -> None:
        buf = self._buffers[name]
        if buf:
            cols = list(zip(*buf))
            self._writers[name].write_table(
                self._pa.Table.from_arrays(
                    [self._pa.array(c, type=f.type) for c, f in zip(cols, self._schemas[name])],
                    schema=self._schemas[name],
                )
            )
            buf.clear()

    def digests(self) -> dict[str, dict]:
        return {}  # Parquet files are hashed once closed

    def close(self) -> None:
        for name, writer in self._writers.items():
            self._flush(name)
            writer.close()
