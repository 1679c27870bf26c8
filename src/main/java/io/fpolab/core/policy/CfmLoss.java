package io.fpolab.core.policy;

public enum CfmLoss { U_MSE, EPS_MSE, DATA_MSE }
