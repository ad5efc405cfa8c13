class WorkflowError(Exception):
    """An action the law or the workflow does not allow now; the message is for the user, in Chinese."""

    def __init__(self, message, reasons=None):
        self.reasons = list(reasons or [message])
        super().__init__(message)


class ConflictError(WorkflowError):
    """Someone else changed the request first."""

    MESSAGE = "该申请已被他人更新，请刷新页面后重试。您填写的内容未被保存到申请中，但仍保留在表单里。"

    def __init__(self, message=MESSAGE):
        super().__init__(message)
