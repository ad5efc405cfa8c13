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
from .departments import (
    OPEN_ROUTING,
    Complaint,
    ComplaintChannel,
    ComplaintResult,
    DepartmentOpinion,
    InternalRouting,
    RoutingStatus,
    SupervisionNotice,
    SupervisionScope,
)
from .exports import ListExport
from .jobs import BackgroundJob, JobStatus
from .organisation import Agency, Applicant, Department, User
from .outbox import OutboxMessage
from .passwords import PasswordHistory
from .request import InformationRequest, derive_received_on
from .responsive import (
    RedactionBox,
    RedactionReasonCode,
    ResponsiveDocument,
    ResponsiveSource,
    ResponsiveState,
)
from .steps import (
    Approval,
    ClockPause,
    Consultation,
    Correction,
    Decision,
    Extension,
    FeeNotice,
    ReasonsRequest,
    SearchRecord,
)
from .tallies import TALLIES, ApplicationTally, ChallengeTally, ChannelTally, FeeTally, ReplyTally, TallyState

__all__ = [
    "Agency", "AgencyLevel", "Applicant", "ApplicantKind", "ApplicationTally", "Approval", "Attachment",
    "AttachmentKind", "BackgroundJob", "CaseFileExport", "CaseFileStatus", "Challenge", "ChallengeKind",
    "ChallengeResult", "ChallengeTally", "Channel", "ChannelTally", "ClockPause", "Consultation",
    "ConsultationAnswer", "ConsultationParty", "Correction", "Decision", "Delivery", "DeliveryMethod", "EventAction",
    "Extension", "FeeMethod", "FeeNotice", "FeeTally", "IdentityDocument", "InformationRequest", "JobStatus",
    "ListExport",
    "OutboxMessage", "Outcome", "PasswordHistory", "PauseReason", "PostKind", "PostalEvent", "PostalStatus",
    "ReasonsRequest", "ReplyTally", "RequestEvent", "RequestedForm", "Role", "SearchRecord", "TALLIES", "TallyState",
    "User", "derive_received_on", "Department", "InternalRouting", "RoutingStatus", "DepartmentOpinion",
    "OPEN_ROUTING", "SupervisionNotice", "SupervisionScope", "Complaint", "ComplaintChannel", "ComplaintResult",
    "RedactionBox", "RedactionReasonCode", "ResponsiveDocument", "ResponsiveSource", "ResponsiveState",
]
