from .audit import EventAction, RequestEvent
from .casefile import CaseFileExport, CaseFileStatus
from .challenge import Challenge
from .choices import (
    AgencyLevel,
    ApplicantKind,
    AttachmentKind,
    ChallengeKind,
    ChallengeResult,
    Channel,
    ConsultationAnswer,
    ConsultationParty,
    DeliveryMethod,
    FeeMethod,
    IdentityDocument,
    Outcome,
    PauseReason,
    PostalStatus,
    PostKind,
    RequestedForm,
    Role,
)
from .delivery import Attachment, Delivery, PostalEvent
from .jobs import BackgroundJob, JobStatus
from .organisation import Agency, Applicant, User
from .outbox import OutboxMessage
from .passwords import PasswordHistory
from .request import InformationRequest, derive_received_on
from .steps import Approval, ClockPause, Consultation, Correction, Decision, Extension, FeeNotice, SearchRecord

__all__ = [
    "Agency", "AgencyLevel", "Applicant", "ApplicantKind", "Approval", "Attachment", "AttachmentKind", "BackgroundJob",
    "CaseFileExport", "CaseFileStatus", "Challenge", "ChallengeKind", "ChallengeResult", "Channel", "ClockPause",
    "Consultation", "ConsultationAnswer", "ConsultationParty", "Correction", "Decision", "Delivery", "DeliveryMethod",
    "EventAction", "Extension", "FeeMethod", "FeeNotice", "IdentityDocument", "InformationRequest", "JobStatus",
    "OutboxMessage",
    "Outcome", "PasswordHistory", "PauseReason", "PostKind", "PostalEvent", "PostalStatus", "RequestEvent",
    "RequestedForm", "Role", "SearchRecord", "User", "derive_received_on",
]
