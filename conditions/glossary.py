"""Words that cannot be avoided, explained once. Shown on /glossary/ and wherever a page
includes templates/includes/_glossary.html, as <details> that work without JavaScript."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    meaning: str


GLOSSARY = [
    Term(
        "allogeneic",
        "Allogeneic (donor)",
        "Cells that come from another person, a donor. Most cord blood transplants are "
        "allogeneic: the cells come from a stranger's donated cord blood or from a brother or sister.",
    ),
    Term(
        "autologous",
        "Autologous (your own)",
        "Cells that come from the same person who receives them. A child getting their own "
        "stored cord blood back would be an autologous treatment.",
    ),
    Term(
        "cord-blood",
        "Cord blood",
        "The blood left in the umbilical cord and placenta after a baby is born and the cord is cut. "
        "It contains blood-forming stem cells.",
    ),
    Term(
        "cord-tissue",
        "Cord tissue",
        "The umbilical cord itself, not the blood inside it. Some banks store pieces of it. "
        "It contains a different kind of cell (mesenchymal stromal cells).",
    ),
    Term(
        "engraftment",
        "Engraftment",
        "When transplanted blood stem cells settle in the bone marrow and start making new "
        "blood cells. Doctors check for it in the weeks after a transplant.",
    ),
    Term(
        "gvhd",
        "Graft-versus-host disease (GVHD)",
        "A problem after a donor transplant, when the donor's immune cells attack the patient's body.",
    ),
    Term(
        "haematopoietic-stem-cells",
        "Blood-forming (haematopoietic) stem cells",
        "Cells that can make all the kinds of cells in the blood. They are the cells in cord blood "
        "that doctors use in transplants.",
    ),
    Term(
        "hla-match",
        "HLA match",
        "HLA are markers on the surface of cells that the immune system uses to tell 'self' from "
        "'not self'. For a transplant, the donor's and patient's HLA markers need to be similar "
        "(matched). Brothers and sisters are more likely to match than strangers.",
    ),
    Term(
        "msc",
        "Mesenchymal stromal cells (MSCs)",
        "Cells found mainly in cord tissue, fat and bone marrow. Most studies on skin, scars and "
        "eczema use these cells, not the blood-forming cells in cord blood.",
    ),
    Term(
        "placebo",
        "Placebo",
        "A dummy treatment with no active medicine. Comparing a treatment with a placebo shows "
        "whether any change is caused by the treatment itself.",
    ),
    Term(
        "randomised-trial",
        "Randomised controlled trial",
        "A study where people are put into groups by chance: one group gets the treatment and "
        "the other does not. It is the fairest test of whether a treatment works.",
    ),
    Term(
        "delayed-cord-clamping",
        "Delayed cord clamping",
        "Waiting at least a minute or more after birth before the cord is clamped and cut, so "
        "more blood flows from the placenta to the baby.",
    ),
]
