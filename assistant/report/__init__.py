"""The report contract, and how its times and lengths are shown.

:mod:`.contract` holds the models ``--json`` prints (and the JSON schema made from
them); :mod:`.format` the shared display helpers. Nothing here imports the rest of
thinkaloud.
"""

from assistant.report.contract import (
    SCHEMA_FILE,
    SCHEMA_ID,
    SCHEMA_IDS,
    AdaptationOut,
    AudioInfo,
    BudgetOut,
    DepthLabel,
    Evidence,
    FeedbackItem,
    FillerItemOut,
    FillersOut,
    InterviewOut,
    ModelNamesOut,
    OrderFindingOut,
    PaceWindowOut,
    PacingOut,
    PauseOut,
    Report,
    Severity,
    StageOut,
    StructureOut,
    TranscriptOut,
    TurnOut,
    WordOut,
    json_schema,
)

__all__ = [
    "AdaptationOut",
    "AudioInfo",
    "BudgetOut",
    "DepthLabel",
    "Evidence",
    "FeedbackItem",
    "FillerItemOut",
    "FillersOut",
    "InterviewOut",
    "ModelNamesOut",
    "OrderFindingOut",
    "PaceWindowOut",
    "PacingOut",
    "PauseOut",
    "Report",
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "SCHEMA_IDS",
    "Severity",
    "StageOut",
    "StructureOut",
    "TranscriptOut",
    "TurnOut",
    "WordOut",
    "json_schema",
]
