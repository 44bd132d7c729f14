package dev.customs.api;

/**
 * What {@code customs_parse_record} found in an accepted record ({@code customs_record_info}). Unsigned C fields are
 * widened so they read as the numbers C meant.
 */
public record RecordInfo(int version, int fieldCount, int nameLength, long itemCount, long dataBytes, int checksum) {}
