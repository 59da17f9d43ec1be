package org.aftersales.cases;

import org.aftersales.returns.RequestRefundDelegate;
import org.aftersales.returns.WrongArrowBack;

/** For ArchitectureTest only: a core class that knows a flow (and so closes a cycle with {@link WrongArrowBack}). */
public class WrongArrow {

  RequestRefundDelegate flow;
  WrongArrowBack back;
}
