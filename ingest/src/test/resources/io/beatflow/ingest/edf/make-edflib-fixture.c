/*
 * Generator of edflib-two-rates.edf, an EDF+ file written by an independent implementation:
 * EDFlib (Teunis van Beelen, Debian package libedf-dev 1.23). Build and run:
 *   cc -o make-edflib-fixture make-edflib-fixture.c -ledf && ./make-edflib-fixture edflib-two-rates.edf
 *
 * Content (what EdfLibFixtureTest expects, from these formulas):
 *   start 2024-05-13 10:20:30, 3 data records of 1 s, EDF+C;
 *   signal 0 "ECG", uV, 256 Hz, physical -1000..1000, digital -32768..32767,
 *     digital sample n (0-based over the file) = (n * 97) % 2001 - 1000;
 *   signal 1 "Resp", mV, 32 Hz, physical -5..5, digital -2048..2047,
 *     digital sample n = n * 10 - 400;
 *   annotations: "N" at 0.5 s without duration, "Beat" at 1.25 s lasting 0.2 s.
 */
#include <stdio.h>
#include <edflib.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s out.edf\n", argv[0]);
        return 2;
    }
    int h = edfopen_file_writeonly(argv[1], EDFLIB_FILETYPE_EDFPLUS, 2);
    if (h < 0) {
        fprintf(stderr, "open failed: %d\n", h);
        return 1;
    }
    edf_set_samplefrequency(h, 0, 256);
    edf_set_samplefrequency(h, 1, 32);
    edf_set_physical_minimum(h, 0, -1000);
    edf_set_physical_maximum(h, 0, 1000);
    edf_set_digital_minimum(h, 0, -32768);
    edf_set_digital_maximum(h, 0, 32767);
    edf_set_physical_minimum(h, 1, -5);
    edf_set_physical_maximum(h, 1, 5);
    edf_set_digital_minimum(h, 1, -2048);
    edf_set_digital_maximum(h, 1, 2047);
    edf_set_label(h, 0, "ECG");
    edf_set_label(h, 1, "Resp");
    edf_set_physical_dimension(h, 0, "uV");
    edf_set_physical_dimension(h, 1, "mV");
    edf_set_startdatetime(h, 2024, 5, 13, 10, 20, 30);
    int ecg[256];
    int resp[32];
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 256; i++) {
            int n = k * 256 + i;
            ecg[i] = (n * 97) % 2001 - 1000;
        }
        for (int i = 0; i < 32; i++) {
            resp[i] = (k * 32 + i) * 10 - 400;
        }
        if (edfwrite_digital_samples(h, ecg) || edfwrite_digital_samples(h, resp)) {
            fprintf(stderr, "write failed\n");
            return 1;
        }
    }
    /* onset and duration in units of 100 microseconds */
    edfwrite_annotation_utf8(h, 5000, -1, "N");
    edfwrite_annotation_utf8(h, 12500, 2000, "Beat");
    return edfclose_file(h) == 0 ? 0 : 1;
}
