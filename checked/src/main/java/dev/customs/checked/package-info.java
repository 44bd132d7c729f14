/**
 * Checked mode for the FFM API: {@code -javaagent:customs-checked.jar}. See the module's README for what it checks.
 */
package dev.customs.checked;
