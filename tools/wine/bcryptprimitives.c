/* A stand-in for Windows' bcryptprimitives.dll, for running wita.exe under
 * Wine 8, which lacks it. Rust's standard library (1.78 and later) takes its
 * random numbers (HashMap's seeds) from ProcessPrng in that DLL, which
 * Windows 10 and later have; without it wita.exe does not start under Wine.
 * This one forwards to RtlGenRandom (advapi32's SystemFunction036), which
 * Wine has. tools/wine-check.sh builds it with mingw; it is never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        /* RtlGenRandom takes a ULONG (32 bits); SIZE_T is 64. */
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
