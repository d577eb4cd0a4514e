/*
 * wasi-libc has no setjmp. libaom uses it only to unwind from aom_internal_error (an allocation that
 * failed, a corrupt internal state): here that error traps instead, the instance is dropped (av1.ts)
 * and the request fails; nothing the encoder half-wrote is ever read back. (Allocations libaom does
 * not check this way are caught by encode.c's malloc wrappers.)
 */
#ifndef THUMBSMITH_SETJMP_H
#define THUMBSMITH_SETJMP_H
typedef int jmp_buf[1];
#define setjmp(env) ((void)(env), 0)
#define longjmp(env, value) ((void)(env), (void)(value), __builtin_trap())
#endif
