package org.aftersales.system.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request body whose fields must all be known: a misspelt field there would be dropped without a word and
 * change what happens (a {@code requestedAmmount} would ask for the whole amount back), so it is refused with 400
 * instead. Outside systems' callbacks stay tolerant of fields they add. Enforced by {@link UnknownFieldsModule}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RejectUnknownFields {}
