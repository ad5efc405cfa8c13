"""Errors of the redaction engine. Each carries the Chinese sentence shown to the user (``message``)."""


class RedactionError(Exception):
    """Base class: ``message`` is for the user (Chinese), ``detail`` for the log (tool output, numbers)."""

    default_message = "文件处理失败。"

    def __init__(self, message: str | None = None, *, detail: str = ""):
        self.message = message or self.default_message
        self.detail = detail
        super().__init__(self.message if not detail else f"{self.message} ({detail})")


class UnsupportedDocument(RedactionError):
    default_message = "文件格式不受支持：请上传PDF文件或JPEG/PNG扫描图片。"


class DamagedDocument(RedactionError):
    default_message = "无法读取该文件，文件可能已损坏。"


class EncryptedDocument(RedactionError):
    default_message = "该PDF文件已加密（设有打开密码或权限限制），请上传解除加密后的版本。"


class LimitExceeded(RedactionError):
    default_message = "文件超出处理上限。"


class ToolTimeout(RedactionError):
    default_message = "文件处理超时，请稍后重试；如文件页数很多，可拆分后分别处理。"


class ToolFailed(RedactionError):
    default_message = "文件处理失败（页面渲染出错），请检查文件是否完好。"


class InvalidBox(RedactionError, ValueError):
    default_message = "遮盖框无效：须位于页面范围内且宽、高大于零。"


class InvalidPage(RedactionError, ValueError):
    default_message = "页码超出文件的页数范围。"


class ReleaseCheckFailed(RedactionError):
    """The produced copy failed its own structural check: never deliver it (a bug, not a user error)."""

    default_message = "公开版本未通过安全检查，未生成。请联系系统管理员。"
