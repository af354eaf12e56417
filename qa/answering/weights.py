"""Every weight and threshold of the rules' scoring, slot alignment and refusal, in one place.

The defaults are the values the reference set was measured with (README). A sweep builds variants
with `dataclasses.replace(DEFAULT_WEIGHTS, min_score=3.5)` and passes them to
`AnsweringContext.build(lexicon, weights=...)`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    # --- support: how much of the question a sentence carries
    word_weight_cap: float = 4.0  # a word weighs its length, up to this many characters
    partial_word: float = 0.5  # a word found only character by character counts this much at most
    no_keywords_support: float = 0.5  # the support of a question without content words
    neighbour_support: float = 0.9  # the sentence with its neighbour, a little discounted
    # --- focus words next to the candidate
    focus_weights: tuple[float, ...] = (1.0, 0.5, 0.3)  # nearest focus word first
    focus_gap: float = 4.0  # characters between focus word and candidate that halve the bonus
    focus_scale: float = 3.0
    focus_wrong_side: float = 0.5  # a focus word on the unexpected side of the candidate
    focus_across_clause: float = 0.35  # a clause break between focus word and candidate
    deputy_person: float = 0.3  # 副市长 when 市长 is asked about
    # --- the candidate's score
    sentence_share: float = 0.7  # support of the candidate's own sentence ...
    chunk_share: float = 0.3  # ... and of its chunk
    support_scale: float = 3.0
    typed_base: float = 3.0  # a candidate of the asked type
    clause_base: float = 1.0  # a whole clause answering a 什么 question
    alt_base: float = 1.5  # a candidate of an acceptable alternative type
    rank_bonus: float = 0.8  # divided by 1 + the hit's rank
    unit_match: float = 1.5  # the figure carries the unit asked for
    unit_mismatch: float = -2.5
    spelled_count: float = -1.0  # 两家, 四个: more often figures of speech
    clause_length_free: int = 20  # characters of a clause answer that cost nothing ...
    clause_length_cost: float = 0.01  # ... and what each further one costs
    head_bonus: float = 3.0  # a name ending with the noun asked for (什么“第一镇”)
    missing_focus: float = 3.0  # per focus word the passage lacks
    outside_clause: float = 1.5  # a figure whose clause lacks the measured noun
    lead_chars: int = 200  # a document's title and lead, where its place is named
    # --- refusal thresholds
    min_support: float = 0.5  # share of the question's words the answering sentence must carry
    min_score: float = 4.0
    # An aligned slot answering a 什么 question sits where the question's own wording does, so it
    # may stand on less of the question's words than a typed candidate found anywhere.
    min_phrase_support: float = 0.35
    min_phrase_score: float = 2.0
    min_typed_anchor: int = 4  # question characters a one-sided slot must match for 多少/何时
    restate_share: float = 0.8  # an answer this much made of the question's words restates it
    # --- slot alignment
    min_anchor: int = 2  # one shared character anchors only right at the question word
    max_anchor: int = 14
    reach: int = 6  # how far before the question word a left anchor may end, in characters
    max_slot: int = 80
    top_sentences: int = 8  # only the sentences that carry the question best are aligned (speed)
    slot_anchor_scale: float = 0.5
    slot_anchor_cap: float = 8.0
    slot_both_sides: float = 1.0
    slot_prior_support: float = 12.0
    slot_prior_rank: float = 2.0


DEFAULT_WEIGHTS = Weights()
