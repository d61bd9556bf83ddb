#ifndef QUARRY_PSEUDO_TERMINAL_H
#define QUARRY_PSEUDO_TERMINAL_H

/// Opens a pseudo-terminal pair (openpty); returns 0 and both ends, or -1. Swift's Glibc module
/// exports neither openpty nor ptsname/unlockpt.
int quarry_open_terminal(int *controller, int *terminal);

#endif
