"""The OpenAI chat-completions wire format, as far as this service speaks it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from qa.limits import DEFAULT_TOP_K, MAX_QUESTION_CHARS, MAX_TOP_K

MODEL_ID = "qa"


class TextPart(BaseModel):
    type: Literal["text"]
    text: Annotated[StrictStr, Field(max_length=MAX_QUESTION_CHARS)]


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "developer", "tool"]
    content: Annotated[StrictStr, Field(max_length=20_000)] | list[TextPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text for part in self.content)
        return self.content or ""


class ChatRequest(BaseModel):
    # Sampling and other OpenAI parameters (temperature, top_p, max_tokens, user, ...) are accepted
    # and ignored: the answer is extracted, not sampled.
    model_config = ConfigDict(extra="allow")

    model: StrictStr = Field(MODEL_ID, description=f"Any id; `{MODEL_ID}` is the one listed")
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=100)
    stream: bool = False
    top_k: int = Field(DEFAULT_TOP_K, ge=1, le=MAX_TOP_K, description="Passages considered (an extension)")


class OpenAIError(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class OpenAIErrorResponse(BaseModel):
    error: OpenAIError
