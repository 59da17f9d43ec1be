package org.aftersales.logistics;

/** A postal address with the person to ask for. */
public record Address(String name, String phone, String line1, String city, String postalCode, String country) {}
