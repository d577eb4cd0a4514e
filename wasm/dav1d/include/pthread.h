/*
 * wasi-libc (Debian's 2022 build) has no pthread.h for single-threaded wasm32-wasi. dav1d includes it
 * unconditionally but, opened with one thread and a frame delay of one, decodes synchronously on the
 * caller's thread: locks guard nothing, no thread is ever created, and a wait could only mean a
 * thread that does not exist, so it traps rather than hang.
 */
#ifndef THUMBSMITH_PTHREAD_H
#define THUMBSMITH_PTHREAD_H
#include <errno.h>
#include <stddef.h>

typedef struct { int unused; } pthread_t;
typedef struct { size_t stack_size; } pthread_attr_t;
typedef struct { int unused; } pthread_mutex_t;
typedef struct { int unused; } pthread_cond_t;
typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0
#define PTHREAD_STACK_MIN 2048

static inline int pthread_attr_init(pthread_attr_t *a) { a->stack_size = 0; return 0; }
static inline int pthread_attr_destroy(pthread_attr_t *a) { (void)a; return 0; }
static inline int pthread_attr_setstacksize(pthread_attr_t *a, size_t s) { a->stack_size = s; return 0; }
static inline int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *arg) {
    (void)t; (void)a; (void)f; (void)arg;
    return EAGAIN;
}
static inline int pthread_join(pthread_t t, void **res) { (void)t; (void)res; __builtin_trap(); }
static inline int pthread_mutex_init(pthread_mutex_t *m, const void *a) { (void)m; (void)a; return 0; }
static inline int pthread_mutex_destroy(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_mutex_lock(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_mutex_unlock(pthread_mutex_t *m) { (void)m; return 0; }
static inline int pthread_cond_init(pthread_cond_t *c, const void *a) { (void)c; (void)a; return 0; }
static inline int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) { (void)c; (void)m; __builtin_trap(); }
static inline int pthread_cond_signal(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_cond_broadcast(pthread_cond_t *c) { (void)c; return 0; }
static inline int pthread_once(pthread_once_t *o, void (*f)(void)) {
    if (!*o) { *o = 1; f(); }
    return 0;
}
#endif
