/**
 * The page layout's contract with the screens: which controllers draw pages in it ({@link ScreenController}) and
 * which advices fill in what it shows around them ({@link LayoutAdvice}).
 */
package nl.salaronline.layout;
