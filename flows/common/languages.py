"""The languages the project speaks (one message catalogue each, `flows.outputs.messages`),
here so that settings can check ``--lang`` without reaching up to the catalogues."""

LANGUAGES = ("zh-CN", "zh-TW", "en")
DEFAULT_LANGUAGE = "zh-CN"
