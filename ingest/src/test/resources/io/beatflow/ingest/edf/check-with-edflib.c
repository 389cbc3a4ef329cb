/*
 * Hand-run cross-check of files made by EdfWriter against EDFlib 1.23 (Debian libedf-dev), an
 * independent EDF+ implementation that refuses non-compliant files. Build and run:
 *   cc -o check-with-edflib check-with-edflib.c -ledf && ./check-with-edflib some.edf
 * It prints the header, the first samples of each signal and the first annotations.
 */
#include <stdio.h>
#include <edflib.h>
int main(int argc, char **argv) {
    struct edf_hdr_struct hdr;
    if (edfopen_file_readonly(argv[1], &hdr, EDFLIB_READ_ALL_ANNOTATIONS)) {
        printf("EDFlib refused the file: filetype/error %d\n", hdr.filetype);
        return 1;
    }
    printf("filetype %d signals %d records %lld duration %lld start %04d-%02d-%02d %02d:%02d:%02d subsec %lld annotations %lld\n",
        hdr.filetype, hdr.edfsignals, hdr.datarecords_in_file, hdr.datarecord_duration, hdr.startdate_year, hdr.startdate_month,
        hdr.startdate_day, hdr.starttime_hour, hdr.starttime_minute, hdr.starttime_second, hdr.starttime_subsecond, hdr.annotations_in_file);
    for (int s = 0; s < hdr.edfsignals; s++) {
        int buf[5];
        double phys[5];
        edfseek(hdr.handle, s, 0, EDFSEEK_SET);
        edfread_digital_samples(hdr.handle, s, 5, buf);
        edfseek(hdr.handle, s, 0, EDFSEEK_SET);
        edfread_physical_samples(hdr.handle, s, 5, phys);
        printf("signal %s [%s] smp/rec %d pmin %g pmax %g dmin %d dmax %d first digital %d %d %d %d %d physical %g %g %g\n",
            hdr.signalparam[s].label, hdr.signalparam[s].physdimension, hdr.signalparam[s].smp_in_datarecord,
            hdr.signalparam[s].phys_min, hdr.signalparam[s].phys_max, hdr.signalparam[s].dig_min, hdr.signalparam[s].dig_max,
            buf[0], buf[1], buf[2], buf[3], buf[4], phys[0], phys[1], phys[2]);
    }
    for (int i = 0; i < hdr.annotations_in_file && i < 5; i++) {
        struct edf_annotation_struct a;
        edf_get_annotation(hdr.handle, i, &a);
        printf("annotation %d onset %lld (x100ns) duration '%s' text '%s'\n", i, a.onset, a.duration, a.annotation);
    }
    edfclose_file(hdr.handle);
    return 0;
}
