"""All demo case templates, by body system. The order is the order of generation (not of the queue)."""

from workbench.demo.cases import (
    circulatory,
    digestive,
    kidney_reproductive,
    musculoskeletal,
    nervous,
    respiratory,
    systemic,
)
from workbench.demo.template import Case

CASES: tuple[Case, ...] = (
    nervous.CASES + respiratory.CASES + circulatory.CASES + digestive.CASES + musculoskeletal.CASES
    + kidney_reproductive.CASES + systemic.CASES
)
