/* SPDX-License-Identifier: MIT */
/* The parent's own code with a warning (an unused variable): -Dwerror=false at the parent must let it
 * build even though kvbridge builds its own code with werror. */
int main(void) {
    int unused = 0;
    return 0;
}
