/** Upcalls that never unwind into C, exceptions as C statuses, native-thread context, registrations C keeps. */
module dev.customs.callbacks {
    exports dev.customs.callbacks;
}
