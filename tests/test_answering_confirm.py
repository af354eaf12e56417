"""When the rules' answer is stated: the reader proposes it too, near its best span."""

from __future__ import annotations

from qa.answering.confirm import confirming_guess
from qa.reader.decode import SpanGuess
from qa.types import Answer, Chunk, Citation, Hit

PASSAGE = "园区距离棠阴高铁站8公里,距离机场35公里。"
CHUNK = Chunk("doc.txt#0", "doc.txt", 0, len(PASSAGE), PASSAGE, 0, len(PASSAGE))
READ = [(Hit(CHUNK, 1.0), PASSAGE)]
RULED = Answer("8公里", True, (Citation("doc.txt", 9, 12, "8公里"),), (), "number", ())


def _guess(span: str, score: float, margin: float) -> tuple[SpanGuess, int]:
    start = PASSAGE.index(span)
    return SpanGuess(0, start, start + len(span), score, score - margin), 0


def test_the_readers_best_span_confirms_the_rules_answer_although_it_doubts_the_question():
    doubting = [_guess("8公里", 3.6, -1.5), _guess("35公里", 2.4, -2.7)]
    assert confirming_guess(RULED, doubting, READ, 3.0, 0.0) is None  # below the margin asked for
    assert confirming_guess(RULED, doubting, READ, 3.0, 0.0, best_floor=-2.0) == doubting[0]
    assert confirming_guess(RULED, doubting, READ, 3.0, 0.0, best_floor=-1.0) is None


def test_a_doubted_span_that_is_not_the_readers_best_confirms_nothing():
    doubting = [_guess("35公里", 3.6, -1.5), _guess("8公里", 3.5, -1.6)]
    assert confirming_guess(RULED, doubting, READ, 3.0, 0.0, best_floor=-2.0) is None
    sure = [_guess("35公里", 9.0, 6.0), _guess("8公里", 8.0, 5.0)]
    assert confirming_guess(RULED, sure, READ, 3.0, 0.0, best_floor=-2.0) == sure[1]


PLACE_PASSAGE = "威克水槽位于美国得克萨斯州,距离边境8公里。"
PLACE_CHUNK = Chunk("doc.txt#0", "doc.txt", 0, len(PLACE_PASSAGE), PLACE_PASSAGE, 0, len(PLACE_PASSAGE))
PLACE_READ = [(Hit(PLACE_CHUNK, 1.0), PLACE_PASSAGE)]


def _guess_in(passage: str, span: str, score: float, margin: float) -> tuple[SpanGuess, int]:
    start = passage.index(span)
    return SpanGuess(0, start, start + len(span), score, score - margin), 0


def _ruled_in(passage: str, text: str, question_type: str) -> Answer:
    start = passage.index(text)
    return Answer(text, True, (Citation("doc.txt", start, start + len(text), text),), (), question_type, ())


def _place_guess(span: str, score: float) -> tuple[SpanGuess, int]:
    return _guess_in(PLACE_PASSAGE, span, score, 6.0)


def _ruled(text: str, question_type: str) -> Answer:
    return _ruled_in(PLACE_PASSAGE, text, question_type)


def test_a_longer_name_the_reader_read_whole_around_the_rules_name_is_not_confirmed_as_the_shorter():
    guesses = [_place_guess("美国得克萨斯州", 9.0), _place_guess("美国", 8.5)]
    assert confirming_guess(_ruled("美国", "place"), guesses, PLACE_READ, 3.0, 0.0) is None
    # a phrase question keeps the rules' answer: only names are read whole
    assert confirming_guess(_ruled("美国", "phrase"), guesses, PLACE_READ, 3.0, 0.0) == guesses[1]
    # a span running into another clause is no one name: the rules' shorter answer stands
    across = [_place_guess("美国得克萨斯州,距离边境", 9.0), _place_guess("美国", 8.5)]
    assert confirming_guess(_ruled("美国", "place"), across, PLACE_READ, 3.0, 0.0) is not None


GAME_PASSAGE = "野狼行动是泰拓发行的射击游戏,台湾俗称这部为「乌兹冲锋枪」。所属的唱片公司是青空唱片。"
GAME_CHUNK = Chunk("doc.txt#0", "doc.txt", 0, len(GAME_PASSAGE), GAME_PASSAGE, 0, len(GAME_PASSAGE))
GAME_READ = [(Hit(GAME_CHUNK, 1.0), GAME_PASSAGE)]


def _game(span: str, score: float) -> tuple[SpanGuess, int]:
    return _guess_in(GAME_PASSAGE, span, score, 1.0)


def _ruled_game(text: str) -> Answer:
    return _ruled_in(GAME_PASSAGE, text, "phrase")


def test_a_span_that_reads_on_past_the_rules_answer_to_the_readers_own_confirms_nothing():
    ruled = _ruled_game("泰拓发行的射击游戏")
    to_its_own = [_game("「乌兹冲锋枪", 9.0), _game("泰拓发行的射击游戏,台湾俗称这部为「乌兹冲锋枪", 8.0)]
    assert confirming_guess(ruled, to_its_own, GAME_READ, 3.0, 0.0) is None
    # ... while a span that runs past it into a clause of no answer of the reader's does
    past_it = [_game("泰拓发行的射击游戏,台湾俗称", 9.0)]
    assert confirming_guess(ruled, past_it, GAME_READ, 3.0, 0.0) == past_it[0]


def test_a_span_that_reaches_the_rules_answer_from_an_earlier_sentence_confirms_nothing():
    ruled = _ruled_game("所属")
    guesses = [_game("青空唱片", 9.0), _game("「乌兹冲锋枪」。所属", 8.0)]
    assert confirming_guess(ruled, guesses, GAME_READ, 3.0, 0.0) is None
