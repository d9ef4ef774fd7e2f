"""The claims pages, one module per family: the reading view where claims are recorded
(`reading`), the claim list and page (`claims`), review, contradictions, sources and the
dashboard. Thin views over `claims.selectors` and the services; every action is checked on the
server by the services against `project.roles`, and the templates only hide what a role cannot
use."""
