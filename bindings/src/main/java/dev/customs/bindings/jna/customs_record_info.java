package dev.customs.bindings.jna;

import com.sun.jna.Structure;

/** {@code customs_record_info} for JNA: what the parser found. Unsigned C fields arrive as signed Java values. */
@Structure.FieldOrder({"version", "field_count", "name_length", "item_count", "data_bytes", "checksum", "error_offset"})
public class customs_record_info extends CustomsStructure {
    public byte version;
    public byte field_count;
    public short name_length;
    public int item_count;
    public long data_bytes;
    public int checksum;
    public int error_offset;
}
