"""Numbers the lecture's prose states that no cell prints, recomputed so they cannot drift.

The rule: every number in the text of lecture/NN_*.py is printed by a cell (and so checked by
nbval) or asserted here, against an independent derivation where one exists.
"""

import numpy as np
import pytest

import optim

# --- 01_optimization, 02_gradient_descent ---------------------------------------------------



# --- 03_sgd, 04_momentum, 05_adagrad ----------------------------------------------------------



# --- 06_rmsprop, 07_adam -----------------------------------------------------------------------



# --- 08_summary --------------------------------------------------------------------------------



