"""What a question may be: the limits the service enforces and the HTTP schemas publish.

Defined once here; `qa.service.validate` checks them and the request schemas (POST /ask, the
OpenAI-compatible chat) declare the same numbers, so a client reading /openapi.json sees the rules
the library applies.
"""

MAX_QUESTION_CHARS = 2000  # a question, and each earlier question of its history
MAX_HISTORY = 50  # earlier questions sent with one question
MAX_TOP_K = 50  # passages returned per question
DEFAULT_TOP_K = 5
