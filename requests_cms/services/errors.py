class WorkflowError(Exception):
    """An action the law or the workflow does not allow now; the message is for the user, in Chinese."""

    def __init__(self, message, reasons=None):
        self.reasons = list(reasons or [message])
        super().__init__(message)


class ConflictError(WorkflowError):
    """The request changed after the page was loaded (someone else, or the same user in another tab)."""

    MESSAGE = ("该申请在您打开本页后已有新的办理记录，请查看最新情况后重试。"
               "您填写的内容未被保存到申请中，但仍保留在表单里。")

    def __init__(self, message=MESSAGE):
        super().__init__(message)
