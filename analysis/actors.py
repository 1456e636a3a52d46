"""Actor-level views: who is framed how, and in what tone.

Actor mentions are found by :func:`analysis.pipeline.article_records` with the
codebook's ``actors`` (aliases matched like phrases). These functions turn
mentions, frame hits and sentence scores into the tables the notebooks show.
Both are sentence-level co-occurrences: a sentence that mentions Putin and has
a frailty hit is counted, whoever the frailty is about; read the concordance
before citing a cell.
"""

from __future__ import annotations

import pandas as pd

from .sentiment import round4


def actor_tone(result) -> pd.DataFrame:
    """Mean VADER compound of the sentences that mention each actor.

    Args:
        result: an :class:`~analysis.pipeline.Analysis`.

    Returns:
        One row per actor with mentions, in codebook order: ``actor``,
        ``mentions``, ``sentences`` (distinct sentences), ``compound_mean``
        (mean compound of those sentences, each counted once), ``compound_min``,
        ``compound_max``. The tone is the tone of the sentence, not an
        attitude towards the actor.
    """
    mentions = result.actor_mentions
    sentences = result.sentences.set_index(["para", "sent"])["compound"]
    rows = []
    for actor in result.codebook.actors:
        m = mentions[mentions["actor"] == actor]
        if m.empty:
            continue
        keys = list(dict.fromkeys(zip(m["para"], m["sent"])))
        comp = sentences.loc[keys]
        rows.append(
            {
                "actor": actor,
                "mentions": len(m),
                "sentences": len(keys),
                "compound_mean": round4(float(comp.mean())),
                "compound_min": float(comp.min()),
                "compound_max": float(comp.max()),
            }
        )
    return pd.DataFrame(
        rows, columns=["actor", "mentions", "sentences", "compound_mean", "compound_min", "compound_max"]
    )


def actor_frame_cooccurrence(result) -> pd.DataFrame:
    """Sentences in which an actor is mentioned and a frame has at least one hit.

    Returns:
        A DataFrame with actors as rows and frames as columns (codebook order),
        counting sentences (a sentence counts once per actor and frame).
    """
    actors = list(result.codebook.actors)
    frames = list(result.codebook.frames)
    m = result.actor_mentions[["para", "sent", "actor"]].drop_duplicates()
    h = result.frame_hits[["para", "sent", "frame"]].drop_duplicates()
    pairs = m.merge(h, on=["para", "sent"])
    table = pd.crosstab(pairs["actor"], pairs["frame"]) if len(pairs) else pd.DataFrame()
    return table.reindex(index=actors, columns=frames, fill_value=0).fillna(0).astype("int64")
