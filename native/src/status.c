/*
 * status.c - names and messages of status codes, and the library version.
 */
#include "customs.h"

const char *customs_status_name(int32_t status) {
    if (status > 0) {
        return "CUSTOMS_CALLBACK_STATUS";
    }
    switch (status) {
    case CUSTOMS_OK: return "CUSTOMS_OK";
    case CUSTOMS_E_NULL: return "CUSTOMS_E_NULL";
    case CUSTOMS_E_RANGE: return "CUSTOMS_E_RANGE";
    case CUSTOMS_E_TRUNCATED: return "CUSTOMS_E_TRUNCATED";
    case CUSTOMS_E_FORMAT: return "CUSTOMS_E_FORMAT";
    case CUSTOMS_E_NOMEM: return "CUSTOMS_E_NOMEM";
    case CUSTOMS_E_STATE: return "CUSTOMS_E_STATE";
    case CUSTOMS_E_THREAD: return "CUSTOMS_E_THREAD";
    case CUSTOMS_E_TIMEOUT: return "CUSTOMS_E_TIMEOUT";
    default: return "CUSTOMS_E_UNKNOWN";
    }
}

const char *customs_status_message(int32_t status) {
    if (status > 0) {
        return "A callback returned a non-zero status that stopped the operation.";
    }
    switch (status) {
    case CUSTOMS_OK: return "Success.";
    case CUSTOMS_E_NULL: return "A required pointer argument was NULL.";
    case CUSTOMS_E_RANGE: return "A length, count or index is outside its documented range.";
    case CUSTOMS_E_TRUNCATED: return "The input ended in the middle of a field.";
    case CUSTOMS_E_FORMAT: return "The input is malformed.";
    case CUSTOMS_E_NOMEM: return "The library could not allocate memory.";
    case CUSTOMS_E_STATE: return "The object is in the wrong state for this call.";
    case CUSTOMS_E_THREAD: return "A native thread could not be created.";
    case CUSTOMS_E_TIMEOUT: return "A bounded wait ended before the work was done.";
    default: return "Unknown error status.";
    }
}

const char *customs_version(void) {
    /* Injected by CMake from project(VERSION ...) so the two can never disagree. */
    return CUSTOMS_VERSION_STRING;
}
