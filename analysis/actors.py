"""Actor-level views: who is framed how, and in what tone.

Actor mentions are found by :func:`analysis.pipeline.article_records` with the
codebook's ``actors`` (aliases matched like phrases). A codebook without actors
falls back on the article's named entities (``entities.csv``,
:mod:`analysis.entities`): each canonical name is an actor, the
:data:`MAX_ENTITY_ACTORS` most mentioned first (:func:`actor_mentions`). These functions turn
mentions, frame hits and sentence scores into the tables the notebooks show.
Both are sentence-level co-occurrences: a sentence that mentions Putin and has
a frailty hit is counted, whoever the frailty is about; read the concordance
before citing a cell.
"""

from __future__ import annotations

import pandas as pd

from .sentiment import round4

#: named entities shown as actors when the codebook has none: the most mentioned, at most this many
MAX_ENTITY_ACTORS = 12


def actor_source(result) -> str:
    """Where the actors come from: ``"codebook"`` when the codebook lists actors, else ``"entities"``."""
    return "codebook" if result.codebook.actors else "entities"


def actor_mentions(result) -> tuple[pd.DataFrame, list[str]]:
    """The actor mentions the actor tables count, and the actors in their order.

    With codebook actors: ``actor_mentions.csv`` and codebook order. Without:
    the named entities (``entities.csv``), each canonical name an actor, the
    :data:`MAX_ENTITY_ACTORS` most mentioned (ties: first mentioned first).

    Returns:
        ``(mentions, actors)``: mentions with at least ``para``, ``sent``, ``actor``.
    """
    if actor_source(result) == "codebook":
        return result.actor_mentions, list(result.codebook.actors)
    entities = entity_mentions(result)
    if entities.empty:
        return pd.DataFrame({"para": [], "sent": [], "actor": []}).astype("int64", errors="ignore"), []
    mentions = entities.rename(columns={"name": "actor"})
    counts = mentions.groupby("actor", sort=False).size()
    first = {name: k for k, name in enumerate(dict.fromkeys(mentions["actor"]))}
    order = sorted(counts.index, key=lambda a: (-counts[a], first[a]))[:MAX_ENTITY_ACTORS]
    return mentions[mentions["actor"].isin(order)], order


def entity_mentions(result) -> pd.DataFrame:
    """The named entities that stand for actors: ``entities.csv`` without the names inside a dateline
    ("WASHINGTON (Reuters) -": where the story was filed), the rule codebook actors follow too."""
    from .matching import dateline_end

    entities = getattr(result, "entities", None)
    if entities is None or entities.empty:
        return pd.DataFrame(columns=["para", "sent", "start", "end", "text", "kind", "name"])
    paragraphs = result.paragraphs.set_index("para")
    cut = {int(p): int(row.start) + dateline_end(row.text) for p, row in paragraphs.iterrows()}
    return entities[[start >= cut.get(int(p), 0) for p, start in zip(entities["para"], entities["start"])]]


def actor_tone(result) -> pd.DataFrame:
    """Mean VADER compound of the sentences that mention each actor.

    Args:
        result: an :class:`~analysis.pipeline.Analysis`.

    Returns:
        One row per actor with mentions, in :func:`actor_mentions` order (codebook order, or the
        most mentioned named entities first): ``actor``,
        ``mentions``, ``sentences`` (distinct sentences), ``compound_mean``
        (mean compound of those sentences, each counted once), ``compound_min``,
        ``compound_max``. The tone is the tone of the sentence, not an
        attitude towards the actor.
    """
    mentions, actors = actor_mentions(result)
    sentences = result.sentences.set_index(["para", "sent"])["compound"]
    rows = []
    for actor in actors:
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
    mentions, actors = actor_mentions(result)
    frames = list(result.codebook.frames)
    m = mentions[["para", "sent", "actor"]].drop_duplicates()
    h = result.frame_hits[["para", "sent", "frame"]].drop_duplicates()
    pairs = m.merge(h, on=["para", "sent"])
    table = pd.crosstab(pairs["actor"], pairs["frame"]) if len(pairs) else pd.DataFrame()
    return table.reindex(index=actors, columns=frames, fill_value=0).fillna(0).astype("int64")


def entity_table(result) -> pd.DataFrame:
    """The article's named entities, one row per canonical name, most mentioned first.

    Returns:
        ``name``, ``kind``, ``mentions``, ``forms`` (the distinct ways the article writes it, joined by
        "; "), ``first_para``; from ``entities.csv`` (:mod:`analysis.entities`).
    """
    e = result.entities
    columns = ["name", "kind", "mentions", "forms", "first_para"]
    if e.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for name, group in e.groupby("name", sort=False):
        rows.append(
            {
                "name": name,
                "kind": group["kind"].iloc[0],
                "mentions": len(group),
                "forms": "; ".join(dict.fromkeys(group["text"])),
                "first_para": int(group["para"].iloc[0]),
                "_start": int(group["start"].iloc[0]),
            }
        )
    table = pd.DataFrame(rows).sort_values(["mentions", "_start"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)
