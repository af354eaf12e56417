"""Greetings and chit-chat: a short polite reply, never a span of an article that happens to match."""

from __future__ import annotations

import re
import unicodedata

from qa.vocab import HAN

_HAN = re.compile(f"[{HAN}]")

# Conversational formulas of Chinese and English, not words of any corpus. A message made only of
# these (and punctuation, emoji, particles) asks nothing of the articles.
_GREETING = (
    r"你好|您好|你们好|大家好|嗨|哈喽|哈啰|早上好|上午好|中午好|下午好|晚上好|早安|晚安|早"
    r"|hi|hello|hey|good (?:morning|afternoon|evening)"
)
_THANKS = r"谢谢你?|谢谢您|多谢|感谢|谢了|辛苦了|thanks?(?: you)?|thx"
_BYE = r"再见|拜拜|回见|bye|goodbye|see you"
_ABOUT = (
    r"你是谁|你叫什么名字?|你是什么|你能做什么|你会什么|你可以做什么|在吗|在不在"
    r"|who are you|what can you do|help"
)
_ACK = r"好的|好|嗯嗯?|哦|噢|ok|okay|明白了?|知道了|收到|不错|很好|太好了|厉害"
_FILLER = r"[啊呀呢吧哈嘿哦喔嘛啦哟]"
_SMALL_TALK = re.compile(
    rf"^(?:(?:{_GREETING}|{_THANKS}|{_BYE}|{_ABOUT}|{_ACK})(?:{_FILLER})*)+$", re.IGNORECASE
)

_REPLIES = {
    "thanks": "不客气！还有什么想问的，请直接提问。",
    "bye": "再见！",
    "about": "我是新闻问答助手：请就已收录的文章提问，我会给出答案并标明出处原文。",
    "ack": "好的。还有什么想问的，请直接提问。",
    "greeting": "你好！请就已收录的新闻文章提问，例如某地某项数据是多少，我会给出答案和出处。",
}
_REPLIES_EN = {
    "thanks": "You're welcome! Ask me anything about the articles.",
    "bye": "Goodbye!",
    "about": "I answer questions about the indexed news articles, quoting each answer's source.",
    "ack": "OK. Ask me anything about the articles.",
    "greeting": "Hello! Ask me a question about the indexed news articles; I answer with the source passage.",
}


def _letters(text: str) -> str:
    """Letters, digits and spaces only, lower-cased: what is left when punctuation and emoji go."""
    kept = (
        char if unicodedata.category(char)[0] in "LN" else " "
        for char in unicodedata.normalize("NFKC", text).lower()
    )
    return " ".join("".join(kept).split())


def small_talk_reply(text: str) -> str | None:
    """A short reply when the message is only greetings, thanks, goodbyes or questions about the
    assistant itself; None when it asks about anything else."""
    letters = _letters(text)
    if not letters or not _SMALL_TALK.match(letters.replace(" ", "") if _is_cjk(letters) else letters):
        return None
    replies = _REPLIES if _is_cjk(letters) else _REPLIES_EN
    for kind, pattern in (("thanks", _THANKS), ("bye", _BYE), ("about", _ABOUT), ("greeting", _GREETING)):
        if re.search(pattern, letters, re.IGNORECASE):
            return replies[kind]
    return replies["ack"]


def _is_cjk(text: str) -> bool:
    return _HAN.search(text) is not None
