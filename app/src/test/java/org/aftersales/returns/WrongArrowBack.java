package org.aftersales.returns;

import org.aftersales.cases.WrongArrow;

/** For ArchitectureTest only: the flow's side of the cycle that {@link WrongArrow} closes. */
public class WrongArrowBack {

  WrongArrow core;
}
