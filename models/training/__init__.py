"""SpineGrade trainer: trains the two-stage model (localizer + classifier) from the TypeScript prep output.

Python + PyTorch only; it never re-implements preprocessing (that lives in main/engine/model, TypeScript).
"""
