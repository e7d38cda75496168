"""The pandera model of each input export, by export name (`schemas.contracts`)."""

from schemas.agents import Agents
from schemas.appeals import Appeals
from schemas.complaints import Complaints
from schemas.consultations import Consultations
from schemas.interviews import Interviews
from schemas.purchases import Purchases
from schemas.receptions import Receptions
from schemas.surveys import Surveys

MODELS = {
    "agents": Agents,
    "receptions": Receptions,
    "surveys": Surveys,
    "complaints": Complaints,
    "purchases": Purchases,
    "consultations": Consultations,
    "appeals": Appeals,
    "interviews": Interviews,
}
